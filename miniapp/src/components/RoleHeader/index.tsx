import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import type { Role } from '@sunshine/shared';
import { roleLabel } from '../../pages/home/roleHome';
import './index.scss';

export interface RoleHeaderProps {
  name: string;
  role: Role;
  branchName: string | null;
}

/** Who is signed in: the first thing a shared phone at a branch counter should make obvious. */
export default function RoleHeader({ name, role, branchName }: RoleHeaderProps) {
  return (
    <View className="role-header" id="role-header">
      <View className="role-header__avatar">
        <Text>{name.slice(0, 1)}</Text>
      </View>
      <View className="role-header__body">
        <View className="role-header__line">
          <Text className="role-header__name" id="home-name">
            {name}
          </Text>
          {/* NutUI's Tag drops `id`, so the id sits on the text inside it. */}
          <Tag className="role-header__role" type="warning" round>
            <Text id="home-role">{roleLabel(role)}</Text>
          </Tag>
        </View>
        <Text className="role-header__branch" id="home-branch">
          {branchName ?? (role === 'customer' ? '泰兴农村商业银行' : '泰兴农村商业银行总行')}
        </Text>
      </View>
    </View>
  );
}
